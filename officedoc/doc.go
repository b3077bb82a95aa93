// Package officedoc renders one administrative document (văn bản hành
// chính), such as the Sở's quarterly report on its administrative-reform
// plan to the city People's Committee, as a Word file (WriteDOCX) and a PDF
// (WritePDF) from the same Document, in the layout of Nghị định
// 30/2020/NĐ-CP, Phụ lục I (thể thức và kỹ thuật trình bày văn bản hành
// chính).
//
// Rules followed, by part of Phụ lục I, Phần I:
//   - Mục II (kỹ thuật trình bày chung): A4 portrait; margins top 20 mm,
//     bottom 20 mm, left 30 mm, right 15 mm (the decree allows 20–25, 20–25,
//     30–35, 15–20); Times New Roman in Unicode, black; page numbers in
//     Arabic figures, 13 pt, upright, centred in the top margin, none on the
//     first page.
//   - Mục III, Quốc hiệu và Tiêu ngữ: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
//     bold upper case 12 pt; under it "Độc lập - Tự do - Hạnh phúc" bold 13 pt
//     with a solid rule as long as the line; top right.
//   - Tên cơ quan ban hành: the parent body upright upper case 13 pt, the
//     issuing body bold upper case 13 pt with a rule of 0.4 of its line (the
//     decree: 1/3–1/2) centred under it; top left.
//   - Số, ký hiệu: "Số: 125/BC-SGDĐT", 13 pt, centred under the issuer.
//   - Địa danh và thời gian: italic 14 pt, under the motto on the line of the
//     number; "ngày 05 tháng 10 năm 2026", days below 10 and months 1 and 2
//     with a leading zero (Mục I on thời gian ban hành; see PlaceDate).
//   - Tên loại và trích yếu: both bold 14 pt centred, the tên loại in upper
//     case, a rule of 0.4 of the title's line under the title.
//   - Nội dung: 14 pt, justified, first line indented 1.27 cm, 6 pt after
//     each paragraph, line spacing 1.15 (the decree: single to 1.5 lines).
//   - Chức vụ, họ tên người ký: the authority and title ("KT. GIÁM ĐỐC",
//     "PHÓ GIÁM ĐỐC") bold upper case 14 pt, the name bold 14 pt, centred in
//     the right half, with room for the signature and seal between.
//   - Nơi nhận: bottom left, "Nơi nhận:" bold italic 12 pt, then one line a
//     recipient, 11 pt, each starting "- " and ending ";", the last ("Lưu:
//     VT, …") ending "." — added when the caller left them out.
//
// Simplified or left out:
//   - Headings use the I. / 1. / a) convention of reports rather than the
//     "Phần", "Chương", "Mục", "Điều" layout Mục III gives for documents
//     built that way: levels 1 and 2 bold, level 3 italic, all indented like
//     paragraphs; the caller writes the numbers into the text.
//   - Only documents with a tên loại: no công văn (with "V/v" under the
//     number), no "TM."/"TL." logic beyond printing the lines given, no
//     seal, digital signature, "Dự thảo", urgency or confidentiality marks,
//     no appendices (phụ lục) with their own headers.
//   - Tables (which the decree does not lay out) are 12 pt with 0.5 pt
//     rules, the header row bold, centred and repeated on every page, numbers
//     right-aligned.
//   - Text is plain: no bold or italic runs inside a paragraph, no lists, no
//     footnotes.
//
// The PDF embeds Liberation Serif, which has the metrics of Times New Roman
// and covers Vietnamese, so its lines break where Word's would; the DOCX
// names Times New Roman. Line breaks in the header and title are decided once
// (balanced, as headers are set by hand) and written into both files; body
// text is broken by each reader, so the two files can differ by a line here
// and there and the PDF has no widow and orphan control.
//
// Text is cleaned before use: made valid UTF-8 in NFC, control characters
// dropped, and escaped in the DOCX, so any input gives a valid file. Both
// writers are deterministic and write nothing when they fail.
package officedoc
