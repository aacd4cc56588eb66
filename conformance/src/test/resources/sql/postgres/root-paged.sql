-- Artist (joined: 0 includes)
select "t0"."ArtistId", "t0"."Name" from "Artist" as "t0" where "t0"."Name" like (replace(replace(replace(?, '!', '!!'), '%', '!%'), '_', '!_') || '%') escape '!' order by "t0"."Name" asc, "t0"."ArtistId" asc offset ? rows fetch next ? rows only
-- binds: [A, 20, 10]
