-- Post (joined: 1 includes)
select "t0"."id", "t0"."title", "t0"."authorId", "t0"."publishedOn", "t0"."score", "t1"."id", "t1"."label" from "Posts" "t0" left outer join "PostTags" "j1" on "j1"."postId" = "t0"."id" left outer join "Tags" "t1" on "j1"."tagId" = "t1"."id" order by "t0"."id" asc, "t1"."id" asc
