// Package cchc is the shared kernel of the administrative-reform system of the
// Department of Education and Training of Hải Phòng: errors, officials and
// citizens, units, roles and the permission rules that every other package
// uses. It imports the standard library only.
package cchc

import (
	"errors"
	"fmt"
)

// Error codes. They are stable: API clients match on them.
const (
	EINVALID      = "EINVALID"      // the input is malformed or breaks a rule
	ENOTFOUND     = "ENOTFOUND"     // the thing asked for does not exist (or is hidden)
	ECONFLICT     = "ECONFLICT"     // the change conflicts with the current state
	EFORBIDDEN    = "EFORBIDDEN"    // the caller may not do this
	EUNAUTHORIZED = "EUNAUTHORIZED" // the caller is not signed in
	ETOOLARGE     = "ETOOLARGE"     // an upload or body exceeds the configured size
	ERATELIMIT    = "ERATELIMIT"    // too many attempts; try later
	ECSRF         = "ECSRF"         // a form token is missing, stale or forged
	EINTERNAL     = "EINTERNAL"     // a fault of ours; details are logged, not shown
)

// Error is an error that is safe to show: Message is Vietnamese text for the
// user, Fields names the inputs at fault (field name → Vietnamese message).
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("cchc error: code=%s message=%s", e.Code, e.Message)
}

// Errorf builds an *Error with a formatted Vietnamese message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid builds an EINVALID error carrying per-field messages.
func Invalid(message string, fields map[string]string) *Error {
	return &Error{Code: EINVALID, Message: message, Fields: fields}
}

// ErrorCode returns the code of the *Error in err's chain, EINTERNAL for any
// other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err. Internal errors get a
// generic message so their details never reach a user.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Đã xảy ra lỗi hệ thống. Vui lòng thử lại sau."
}

// ErrorFields returns the per-field messages of err, if any.
func ErrorFields(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}
