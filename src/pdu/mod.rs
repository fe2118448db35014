//! SMS PDUs (3GPP TS 23.040 / 23.038): decoding and encoding of SMS-DELIVER, SMS-SUBMIT and
//! SMS-STATUS-REPORT, the GSM 7-bit and UCS-2 alphabets, and multipart reassembly in a fixed
//! table. No I/O, no heap; every length field is checked.
