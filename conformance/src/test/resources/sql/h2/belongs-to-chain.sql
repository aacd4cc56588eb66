-- Track (joined: 2 includes)
select "t0"."TrackId", "t0"."Name", "t0"."AlbumId", "t0"."MediaTypeId", "t0"."GenreId", "t0"."Composer", "t0"."Milliseconds", "t0"."Bytes", "t0"."UnitPrice", "t1"."AlbumId", "t1"."Title", "t1"."ArtistId", "t2"."ArtistId", "t2"."Name" from "Track" "t0" left outer join "Album" "t1" on "t0"."AlbumId" = "t1"."AlbumId" left outer join "Artist" "t2" on "t1"."ArtistId" = "t2"."ArtistId" where "t0"."TrackId" < cast(? as int)
-- binds: [5]
