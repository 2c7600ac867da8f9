/** Implementation of ddbec-spark; not part of the API. */
package dev.ddbec.spark.internal;
