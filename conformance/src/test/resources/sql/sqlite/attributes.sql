-- Album (joined: 1 includes)
select t0.AlbumId, t0.Title, t0.ArtistId, t1.ArtistId, t1.Name from Album as t0 left outer join Artist as t1 on t0.ArtistId = t1.ArtistId
