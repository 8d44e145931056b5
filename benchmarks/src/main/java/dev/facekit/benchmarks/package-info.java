/** JMH benchmarks and measurement tools for FaceKit; results are recorded in the README. */
package dev.facekit.benchmarks;
