/**
 * Internal plumbing shared by FaceKit's modules. <b>Not API</b>: anything here may change in any
 * release without notice; it is public only so that the model modules can use it.
 */
package dev.facekit.internal;
