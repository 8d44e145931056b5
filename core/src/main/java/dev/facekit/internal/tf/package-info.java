/**
 * SavedModel plumbing shared by the {@code mtcnn} and {@code vggface} modules: loading a bundle
 * from a directory or from jar resources, running it safely from many threads, and closing it
 * exactly once. <b>Not API.</b>
 */
package dev.facekit.internal.tf;
