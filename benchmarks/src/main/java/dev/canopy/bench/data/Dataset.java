package dev.canopy.bench.data;

import java.util.SplittableRandom;

/**
 * A generated, seeded blog: {@code users} users, each the author of {@code postsPerUser} posts, each post with
 * {@code commentsPerPost} comments written by users drawn at random. The same parameters and seed always give the
 * same rows, on every machine, so every contestant and every run reads the same data.
 *
 * <p>Keys are dense ({@code 1..n}); post {@code p} belongs to user {@code (p - 1) / postsPerUser + 1} and comment
 * {@code c} to post {@code (c - 1) / commentsPerPost + 1}. Names, titles and bodies are made of words, with the
 * lengths a blog has (a title of 3 to 8 words, a body of 6 to 30).
 */
public final class Dataset {
    public static final long SEED = 20_240_606L;

    private static final String[] FIRST = {"Ada", "Alan", "Barbara", "Claude", "Donald", "Edsger", "Frances", "Grace",
            "Hedy", "Ivan", "John", "Katherine", "Leslie", "Margaret", "Niklaus", "Ole", "Radia", "Shafi", "Tim", "Whitfield"};
    private static final String[] LAST = {"Lovelace", "Turing", "Liskov", "Shannon", "Knuth", "Dijkstra", "Allen", "Hopper",
            "Lamarr", "Sutherland", "Backus", "Johnson", "Lamport", "Hamilton", "Wirth", "Dahl", "Perlman", "Goldwasser",
            "Berners-Lee", "Diffie"};
    private static final String[] WORDS = ("query include join tree graph model schema index key row column table cursor "
            + "plan render hydrate cache batch stream page order limit offset filter where select insert update delete "
            + "commit rollback lock latch pool driver dialect record entity mapper value immutable lazy eager nested "
            + "parent child sibling root leaf node edge path alias").split(" ");

    public final int users;
    public final int postsPerUser;
    public final int commentsPerPost;
    public final String[] userNames;
    public final String[] postTitles;
    public final int[] commentUser;
    public final String[] commentBodies;

    private Dataset(int users, int postsPerUser, int commentsPerPost) {
        if (users < 1 || postsPerUser < 0 || commentsPerPost < 0) {
            throw new IllegalArgumentException("users must be >= 1, posts and comments >= 0: " + users + " x " + postsPerUser
                    + " x " + commentsPerPost);
        }
        this.users = users;
        this.postsPerUser = postsPerUser;
        this.commentsPerPost = commentsPerPost;
        SplittableRandom random = new SplittableRandom(SEED);
        userNames = new String[users];
        for (int u = 0; u < users; u++) {
            userNames[u] = FIRST[random.nextInt(FIRST.length)] + " " + LAST[random.nextInt(LAST.length)] + " " + (u + 1);
        }
        postTitles = new String[users * postsPerUser];
        for (int p = 0; p < postTitles.length; p++) {
            postTitles[p] = words(random, 3, 8);
        }
        int comments = postTitles.length * commentsPerPost;
        commentUser = new int[comments];
        commentBodies = new String[comments];
        for (int c = 0; c < comments; c++) {
            commentUser[c] = 1 + random.nextInt(users);
            commentBodies[c] = words(random, 6, 30);
        }
    }

    /** The blog for these sizes, always the same for the same sizes. */
    public static Dataset generate(int users, int postsPerUser, int commentsPerPost) {
        return new Dataset(users, postsPerUser, commentsPerPost);
    }

    public int posts() {
        return postTitles.length;
    }

    public int comments() {
        return commentBodies.length;
    }

    /** The author (user id) of post {@code id}. */
    public int postAuthor(int postId) {
        return (postId - 1) / postsPerUser + 1;
    }

    /** The post of comment {@code id}. */
    public int commentPost(int commentId) {
        return (commentId - 1) / commentsPerPost + 1;
    }

    /** Rows of the main query's join: one per comment, plus one per user without posts and per post without comments. */
    public long joinedRows() {
        long withComments = (long) users * postsPerUser * commentsPerPost;
        if (postsPerUser == 0) {
            return users;
        }
        return commentsPerPost == 0 ? (long) users * postsPerUser : withComments;
    }

    /** A short description: {@code 1,000 users × 10 posts × 5 comments (50,000 joined rows)}. */
    public String describe() {
        return String.format("%,d users × %d posts × %d comments (%,d joined rows)", users, postsPerUser, commentsPerPost, joinedRows());
    }

    /** A value that changes whenever the generated rows would: stored with the data so a reload can be skipped. */
    public String fingerprint() {
        return users + "x" + postsPerUser + "x" + commentsPerPost + "@" + SEED + "v1";
    }

    private static String words(SplittableRandom random, int min, int max) {
        int n = min + random.nextInt(max - min + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(WORDS[random.nextInt(WORDS.length)]);
        }
        sb.setCharAt(0, Character.toUpperCase(sb.charAt(0)));
        return sb.toString();
    }
}
