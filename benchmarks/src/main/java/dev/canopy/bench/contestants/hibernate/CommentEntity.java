package dev.canopy.bench.contestants.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** A comment on a post, written by a user. */
@Entity
@Table(name = "comments")
public class CommentEntity {
    @Id
    private Integer id;

    private String body;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "post_id")
    private PostEntity post;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "user_id")
    private UserEntity author;

    protected CommentEntity() {}

    public Integer getId() { return id; }
    public String getBody() { return body; }
    public PostEntity getPost() { return post; }
    public UserEntity getAuthor() { return author; }
}
