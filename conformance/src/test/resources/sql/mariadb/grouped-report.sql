-- Track (joined: 1 includes)
select `t1`.`Name` as `genre`, count(*) as `tracks` from `Track` as `t0` join `Genre` as `t1` on `t0`.`GenreId` = `t1`.`GenreId` group by `t1`.`Name` having count(*) > ? order by count(*) desc
-- binds: [10]
