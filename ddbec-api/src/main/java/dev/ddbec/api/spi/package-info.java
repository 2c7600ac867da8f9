/**
 * The materials-provider SPI: a {@link dev.ddbec.api.spi.MaterialsProvider} turns an {@link
 * dev.ddbec.api.EncryptionContext} into {@link dev.ddbec.api.spi.EncryptionMaterials} or {@link
 * dev.ddbec.api.spi.DecryptionMaterials}.
 */
package dev.ddbec.api.spi;
