package dev.canopy.bench.contestants.mybatis;

import java.util.ArrayList;
import java.util.List;

/**
 * The JavaBeans MyBatis fills through its nested result map. MyBatis 3.5 cannot pass a nested collection to a
 * constructor, so the graph is built in beans and then mapped to the immutable view records.
 */
public final class Rows {
    private Rows() {}

    public static final class User {
        private int id;
        private String name;
        private List<Post> posts = new ArrayList<>();

        public int getId() { return id; }
        public void setId(int id) { this.id = id; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public List<Post> getPosts() { return posts; }
        public void setPosts(List<Post> posts) { this.posts = posts; }
    }

    public static final class Post {
        private int id;
        private String title;
        private List<Comment> comments = new ArrayList<>();

        public int getId() { return id; }
        public void setId(int id) { this.id = id; }
        public String getTitle() { return title; }
        public void setTitle(String title) { this.title = title; }
        public List<Comment> getComments() { return comments; }
        public void setComments(List<Comment> comments) { this.comments = comments; }
    }

    public static final class Comment {
        private int id;
        private String body;
        private Author author;

        public int getId() { return id; }
        public void setId(int id) { this.id = id; }
        public String getBody() { return body; }
        public void setBody(String body) { this.body = body; }
        public Author getAuthor() { return author; }
        public void setAuthor(Author author) { this.author = author; }
    }

    public static final class Author {
        private int id;
        private String name;

        public int getId() { return id; }
        public void setId(int id) { this.id = id; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
    }
}
