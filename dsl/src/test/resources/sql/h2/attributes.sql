-- Post (joined: 1 includes)
select "t0"."id", "t0"."title", "t0"."authorId", "t1"."id", "t1"."name", "t1"."organizationId", "t1"."mentorId" from "Posts" "t0" left outer join "Users" "t1" on "t0"."authorId" = "t1"."id"
