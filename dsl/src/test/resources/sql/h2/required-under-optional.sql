-- User (joined: 2 includes)
select "t0"."id", "t0"."name", "t0"."email", "t0"."organizationId", "t0"."mentorId", "t1"."id", "t1"."title", "t1"."authorId", "t1"."publishedOn", "t1"."score", "t2"."id", "t2"."body", "t2"."postId", "t2"."userId" from "Users" "t0" left outer join ("Posts" "t1" join "Comments" "t2" on ("t2"."postId" = "t1"."id" and "t2"."body" like (('%' || replace(replace(replace(cast(? as varchar), '!', '!!'), '%', '!%'), '_', '!_')) || '%') escape '!')) on "t1"."authorId" = "t0"."id" order by "t0"."id" asc, "t1"."id" asc, "t2"."id" asc
-- binds: [100%]
