-- Artist (joined: 1 includes)
select `t0`.`ArtistId`, `t0`.`Name`, `t1`.`AlbumId`, `t1`.`Title`, `t1`.`ArtistId` from `Artist` as `t0` join `Album` as `t1` on (`t1`.`ArtistId` = `t0`.`ArtistId` and `t1`.`Title` like ? escape '\\') order by `t0`.`ArtistId` asc, `t1`.`AlbumId` asc
-- binds: [B%]
