// Package result issues the electronic results of one-stop dossiers (kết quả
// giải quyết thủ tục hành chính điện tử, Nghị định 45/2020/NĐ-CP, Điều 14
// khoản 3): a result carries the legally required content, bears the Sở's
// digital signature, guarantees integrity, and is known by the code
// "<mã hồ sơ>-KQ<n>".
//
// The flow:
//
//	Render(w, Document)          the A4 PDF in Vietnamese, with a QR code of the
//	                             public verification page; deterministic
//	Signer.Sign(pdf, reason, at) a detached CMS signature (SHA-256, no timestamp
//	                             authority, no network) with the chain embedded
//	Fingerprint(signed)          hex SHA-256 of the signed file, stored with the
//	                             result; the verification page compares it
//	VerifySignature(pdf, roots)  what an uploaded file's signature says: digest,
//	                             coverage of the whole file, trust in roots
//
// Signers come from PEM files (LoadSigner) or, for development and
// demonstrations, from a demo CA kept in a directory (NewDemoCA). Signing uses
// github.com/digitorus/pdfsign.
//
// Limits: without a timestamp authority the signing time is the signer's
// claim; the CMS signing-time attribute is the machine's clock when Sign runs
// (pdfsign sets it), while Sign's at is the /M entry of the signature.
//
// Apart from that attribute, times come from the callers (now, at). The
// package keeps no state between calls; the demo CA's files are its only side
// effect.
package result
