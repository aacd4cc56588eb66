package dev.canopy.kotlin

import dev.canopy.chinook.Chinook

/** Chinook's associations with their models' types, for the compiler-checked paths. */
object Music {
    val ARTIST_ALBUMS = Chinook.ARTIST_ALBUMS.typed(Chinook.ARTIST, Chinook.ALBUM)
    val ALBUM_TRACKS = Chinook.ALBUM_TRACKS.typed(Chinook.ALBUM, Chinook.TRACK)
    val TRACK_GENRE = Chinook.TRACK_GENRE.typed(Chinook.TRACK, Chinook.GENRE)
    val ALBUM_ARTIST = Chinook.ALBUM_ARTIST.typed(Chinook.ALBUM, Chinook.ARTIST)
}
