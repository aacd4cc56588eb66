package dev.canopy.bench.contestants.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.List;

/** A post, its author (lazy, as Hibernate's guide advises for every to-one) and its comments. */
@Entity
@Table(name = "posts")
public class PostEntity {
    @Id
    private Integer id;

    private String title;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "author_id")
    private UserEntity author;

    @OneToMany(mappedBy = "post")
    @OrderBy("id")
    private List<CommentEntity> comments = new ArrayList<>();

    protected PostEntity() {}

    public Integer getId() { return id; }
    public String getTitle() { return title; }
    public UserEntity getAuthor() { return author; }
    public List<CommentEntity> getComments() { return comments; }
}
