/**
 * PKCS#11 materials provider: wrapped materials whose wrapping and signing keys stay on a PKCS#11
 * token or HSM, used through SunPKCS11 or an installed JCE provider such as AWS CloudHSM's. Start
 * with {@link dev.ddbec.provider.pkcs11.Pkcs11MaterialsProvider}; {@link
 * dev.ddbec.provider.pkcs11.Pkcs11Token} also lists and generates keys.
 */
package dev.ddbec.provider.pkcs11;
