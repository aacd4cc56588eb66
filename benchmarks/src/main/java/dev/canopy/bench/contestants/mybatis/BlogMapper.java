package dev.canopy.bench.contestants.mybatis;

import java.util.List;

/** The MyBatis mapper; its statement and nested result map are in {@code BlogMapper.xml} beside it. */
public interface BlogMapper {
    List<Rows.User> usersWithPostsCommentsAuthors();
}
