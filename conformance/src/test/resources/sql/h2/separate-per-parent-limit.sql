-- Playlist (joined: 0 includes)
select "t0"."PlaylistId", "t0"."Name" from "Playlist" "t0"
-- tracks (separate, per batch of parent keys)
select "j0"."PlaylistId", "t0"."TrackId", "t0"."Name", "t0"."AlbumId", "t0"."MediaTypeId", "t0"."GenreId", "t0"."Composer", "t0"."Milliseconds", "t0"."Bytes", "t0"."UnitPrice", "t1"."GenreId", "t1"."Name" from (select "j0"."PlaylistId" "k0", "t0"."TrackId" "k1", row_number() over (partition by "j0"."PlaylistId" order by "t0"."Name" asc, "t0"."TrackId" asc) "rn" from "Track" "t0" join "PlaylistTrack" "j0" on "j0"."TrackId" = "t0"."TrackId" where "j0"."PlaylistId" in (cast(? as int)) group by "j0"."PlaylistId", "t0"."TrackId", "t0"."Name") "p" join "Track" "t0" on ("t0"."TrackId" = "p"."k1" and "p"."rn" > 0 and "p"."rn" <= 5) join "PlaylistTrack" "j0" on ("j0"."TrackId" = "t0"."TrackId" and "j0"."PlaylistId" = "p"."k0") left outer join "Genre" "t1" on "t0"."GenreId" = "t1"."GenreId" order by "t0"."Name" asc, "t0"."TrackId" asc
-- binds: [null]
