/** The EIP-6963 ids of Compartilha's own in-page wallets, apart from their code (kept out of the first load). */
export const BURNER_RDNS = 'org.compartilha.demo';
export const PASSKEY_RDNS = 'org.compartilha.passkey';
