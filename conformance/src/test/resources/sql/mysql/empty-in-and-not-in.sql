-- Artist (joined: 0 includes)
select `t0`.`ArtistId`, `t0`.`Name` from `Artist` as `t0` where (false or true)
