-- User (joined: 0 includes)
select "t0"."id", "t0"."name", "t0"."email", "t0"."organizationId", "t0"."mentorId" from "Users" "t0" where (false or true)
