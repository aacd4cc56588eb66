-- Comment (joined: 2 includes)
select "t0"."id", "t0"."body", "t0"."postId", "t0"."userId", "t1"."id", "t1"."name", "t1"."email", "t1"."organizationId", "t1"."mentorId", "t2"."id", "t2"."name" from "Comments" "t0" left outer join "Users" "t1" on "t0"."userId" = "t1"."id" left outer join "Organizations" "t2" on "t1"."organizationId" = "t2"."id"
