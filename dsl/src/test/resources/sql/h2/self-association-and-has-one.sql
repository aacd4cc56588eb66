-- User (joined: 2 includes)
select "t0"."id", "t0"."name", "t0"."email", "t0"."organizationId", "t0"."mentorId", "t1"."id", "t1"."name", "t1"."email", "t1"."organizationId", "t1"."mentorId", "t2"."id", "t2"."bio", "t2"."userId" from "Users" "t0" left outer join "Users" "t1" on "t0"."mentorId" = "t1"."id" left outer join "Profiles" "t2" on "t2"."userId" = "t0"."id"
