-- User (joined: 1 includes)
select "t0"."id", "t0"."name", "t0"."email", "t0"."organizationId", "t0"."mentorId", "t1"."id", "t1"."title", "t1"."authorId", "t1"."publishedOn", "t1"."score" from "Users" "t0" join "Posts" "t1" on ("t1"."authorId" = "t0"."id" and "t1"."title" like cast(? as varchar)) order by "t0"."id" asc, "t1"."id" asc
-- binds: [B%]
