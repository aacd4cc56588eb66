-- User (joined: 0 includes)
select "t0"."id", "t0"."name", "t0"."email", "t0"."organizationId", "t0"."mentorId" from "Users" "t0" where "t0"."name" = cast(? as varchar(80)) order by "t0"."name" asc, "t0"."id" asc offset ? rows fetch next ? rows only
-- binds: [Ada, 20, 10]
