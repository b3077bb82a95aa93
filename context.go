package cchc

import (
	"context"
	"time"
)

type ctxKey int

const (
	userKey ctxKey = iota
	clientKey
)

// WithUser returns a context carrying the acting user.
func WithUser(ctx context.Context, u *User) context.Context {
	return context.WithValue(ctx, userKey, u)
}

// UserFromContext returns the acting user, or nil for an anonymous visitor.
func UserFromContext(ctx context.Context) *User {
	u, _ := ctx.Value(userKey).(*User)
	return u
}

// Client describes where a request came from, for the audit log.
type Client struct {
	IP        string
	RequestID string
}

// WithClient returns a context carrying the request's client.
func WithClient(ctx context.Context, c Client) context.Context {
	return context.WithValue(ctx, clientKey, c)
}

// ClientFromContext returns the request's client, zero if unknown.
func ClientFromContext(ctx context.Context) Client {
	c, _ := ctx.Value(clientKey).(Client)
	return c
}

// Clock tells the time; tests fix it.
type Clock func() time.Time

// SystemUser acts for command-line tools, the demo loader and background
// jobs. It has the admin role, ID 0, and is never stored, so nobody can sign
// in as it; the audit log names it "system".
var SystemUser = &User{ID: 0, Username: "system", FullName: "Hệ thống", Role: RoleAdmin, Active: true}
