-- Track (joined: 1 includes)
select "t1"."Name" "genre", count(*) "tracks" from "Track" "t0" join "Genre" "t1" on "t0"."GenreId" = "t1"."GenreId" group by "t1"."Name" having count(*) > cast(? as bigint) order by count(*) desc
-- binds: [10]
