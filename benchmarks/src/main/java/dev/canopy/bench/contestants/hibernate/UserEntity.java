package dev.canopy.bench.contestants.hibernate;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A user and the posts they wrote. Posts are a {@code Set} (ordered by id), not a {@code List}: Hibernate cannot
 * join-fetch two bags ({@code posts} and {@code posts.comments}) in one query.
 */
@Entity
@Table(name = "users")
public class UserEntity {
    @Id
    private Integer id;

    private String name;

    @OneToMany(mappedBy = "author")
    @OrderBy("id")
    private Set<PostEntity> posts = new LinkedHashSet<>();

    protected UserEntity() {}

    public Integer getId() { return id; }
    public String getName() { return name; }
    public Set<PostEntity> getPosts() { return posts; }
}
