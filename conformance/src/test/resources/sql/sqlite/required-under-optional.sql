-- Artist (joined: 2 includes)
select t0.ArtistId, t0.Name, t1.AlbumId, t1.Title, t1.ArtistId, t2.TrackId, t2.Name, t2.AlbumId, t2.MediaTypeId, t2.GenreId, t2.Composer, t2.Milliseconds, t2.Bytes, t2.UnitPrice from Artist as t0 left outer join (Album as t1 join Track as t2 on (t2.AlbumId = t1.AlbumId and t2.Name like (('%' || "replace"("replace"("replace"(?, '!', '!!'), '%', '!%'), '_', '!_')) || '%') escape '!')) on t1.ArtistId = t0.ArtistId order by t0.ArtistId asc, t1.AlbumId asc, t2.TrackId asc
-- binds: [100%]
