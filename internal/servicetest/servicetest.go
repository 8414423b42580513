// Package servicetest gives tests the services the scale-out set-up runs
// on: a fresh PostgreSQL database per call (dropped when the test ends) and
// the NATS server's URL. Without the service a test is skipped with a clear
// message; under CI=true it fails instead, since CI starts both
// (.ci/run). VERBATIM_TEST_POSTGRES (default
// postgres://postgres@127.0.0.1:5432/test) and VERBATIM_TEST_NATS (default
// nats://127.0.0.1:4222) point elsewhere.
package servicetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func missing(t testing.TB, what string, err error) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is needed under CI=true (.ci/run starts it): %v", what, err)
	}
	t.Skipf("%s not available, skipped (CI runs it): %v", what, err)
}

// Postgres returns the URL of a new, empty database, dropped at the end of
// the test.
func Postgres(t testing.TB) string {
	t.Helper()
	base := os.Getenv("VERBATIM_TEST_POSTGRES")
	if base == "" {
		base = "postgres://postgres@127.0.0.1:5432/test"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		missing(t, "PostgreSQL at "+base, err)
	}
	defer admin.Close(context.Background())
	var b [6]byte
	rand.Read(b[:])
	name := "verbatim_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(ctx, `CREATE DATABASE `+name); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Errorf("drop database %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, `DROP DATABASE IF EXISTS `+name+` WITH (FORCE)`); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u, _ := url.Parse(base)
	u.Path = "/" + name
	return u.String()
}

// NATS returns the URL of the NATS server (JetStream enabled). Tests make
// streams and subjects of their own (Unique) and delete them.
func NATS(t testing.TB) string {
	t.Helper()
	u := os.Getenv("VERBATIM_TEST_NATS")
	if u == "" {
		u = "nats://127.0.0.1:4222"
	}
	p, err := url.Parse(u)
	if err != nil {
		t.Fatalf("VERBATIM_TEST_NATS: %v", err)
	}
	c, err := net.DialTimeout("tcp", p.Host, 2*time.Second)
	if err != nil {
		missing(t, "NATS at "+u, err)
	}
	c.Close()
	return u
}

// Unique returns prefix followed by random hex: a name no other test run
// uses.
func Unique(prefix string) string {
	var b [6]byte
	rand.Read(b[:])
	return prefix + hex.EncodeToString(b[:])
}
