// Package indicator computes the plan's indicators (chỉ tiêu of Kế hoạch
// CCHC 2026–2030, I.3 and II.2) and the national service index of Quyết định
// 766/QĐ-TTg from counts kept up to date with the dossiers.
//
// Each dossier contributes Facts: small counts keyed by a metric, a civil
// month (Vietnam time) and a detail key, computed by Facts from the
// dossier's state and what surrounds it (payments, electronic results,
// reuse of stored papers, the applicant's rating). Storage keeps every
// dossier's facts and their sums per metric, month, unit and procedure,
// adding the difference whenever a dossier changes; a rebuild recomputes
// the same sums from the records. Compute and ServiceIndex turn the sums of
// a period into values, targets and statuses. Nothing here scans dossiers:
// a period's answer reads sums whose number does not grow with the
// dossiers.
//
// The one number that moves with time alone is lateness: an open dossier
// becomes late when its due time passes. Its facts carry the month it
// becomes late (dossier.LateInstant), which settles every past period; for
// the month under way the caller counts the open dossiers whose late
// instant has passed (Data.OpenLateNow) from an index of open dossiers.
//
// Formulas, sources and what is not measured: docs/indicators.md.
package indicator
