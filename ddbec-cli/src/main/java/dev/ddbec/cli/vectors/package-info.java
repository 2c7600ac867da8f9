/** {@code ddbec vectors fetch}: takes the official clients' public vectors from PyPI. */
package dev.ddbec.cli.vectors;
