-- Playlist (joined: 1 includes)
select "t0"."PlaylistId", "t0"."Name", "t1"."TrackId", "t1"."Name", "t1"."AlbumId", "t1"."MediaTypeId", "t1"."GenreId", "t1"."Composer", "t1"."Milliseconds", "t1"."Bytes", "t1"."UnitPrice" from "Playlist" as "t0" join "PlaylistTrack" as "j1" on "j1"."PlaylistId" = "t0"."PlaylistId" join "Track" as "t1" on ("j1"."TrackId" = "t1"."TrackId" and ("t1"."TrackId" = any(cast(? as int[])))) order by "t0"."PlaylistId" asc, "t1"."TrackId" asc
-- binds: [[1, 2, 3]]
