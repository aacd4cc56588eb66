-- Post (joined: 1 includes)
select "t0"."id", "t0"."title", "t0"."authorId", "t0"."publishedOn", "t0"."score", "t1"."id", "t1"."label" from "Posts" "t0" join "PostTags" "j1" on "j1"."postId" = "t0"."id" join "Tags" "t1" on ("j1"."tagId" = "t1"."id" and "t1"."label" in (cast(? as varchar(40)), cast(? as varchar(40)))) order by "t0"."id" asc, "t1"."id" asc
-- binds: [java, sql]
