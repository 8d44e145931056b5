/**
 * Embeddings and their comparison: {@link dev.facekit.embed.Embedding}, the {@link
 * dev.facekit.embed.Metric}s, decision {@link dev.facekit.embed.Threshold}s, and the {@link
 * dev.facekit.embed.FaceEmbedder} interface that models implement.
 *
 * <p>Similarity and distance are never mixed: a {@link dev.facekit.embed.Metric} is always a
 * distance (lower means more alike), and a {@link dev.facekit.embed.Threshold} is always an upper
 * bound on that distance. Cosine similarity, where reported, is named as such.
 */
package dev.facekit.embed;
