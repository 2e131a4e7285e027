//! Registration field rules (CheckUserIdentity, SendVerificationMessageCode,
//! CreateSubCustomer), mobile and email normalisation, and the wire body.
