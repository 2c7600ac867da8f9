/**
 * The observation SPI: {@link dev.ddbec.api.observe.DdbecObserver} receives what ddbec does (items
 * encrypted and decrypted, verification failures, refusals, KMS and MetaStore calls, cache use,
 * bulk progress) as typed events that never carry key material, attribute values or material
 * descriptions. The default, {@link dev.ddbec.api.observe.DdbecObserver#NOOP}, costs one reference
 * comparison per event site. The Micrometer binding is in the ddbec-micrometer module.
 */
package dev.ddbec.api.observe;
