package dev.canopy.bench.chinook;

import java.util.List;

/** The MyBatis mapper of the Chinook scenario; its statement and nested result maps are in {@code ChinookMapper.xml}. */
public interface ChinookMapper {
    List<ChinookMyBatis.Artist> artistsWithAlbumsTracks();
}
