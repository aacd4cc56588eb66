-- Post (joined: 2 includes)
select "t0"."id", "t0"."title", "t0"."authorId", "t0"."publishedOn", "t0"."score", "t1"."id", "t1"."name", "t1"."email", "t1"."organizationId", "t1"."mentorId", "t2"."id", "t2"."name" from "Posts" "t0" left outer join "Users" "t1" on "t0"."authorId" = "t1"."id" left outer join "Organizations" "t2" on "t1"."organizationId" = "t2"."id" where ("t1"."name" ilike cast(? as varchar) or "t0"."score" > cast(? as numeric(3, 2))) order by "t1"."name" desc nulls last, "t0"."id" asc
-- binds: [a%, 1.50]
