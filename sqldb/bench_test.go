package sqldb_test

import (
	"context"
	"testing"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/sqldb"
	"github.com/hpdoet/cchc/sqldb/sqldbtest"
)

// benchEach runs a benchmark on each engine over the fixture with the seed
// plan and every task assigned quarterly (20 instances each, 1060 in all).
func benchEach(b *testing.B, fn func(b *testing.B, f *fixture)) {
	for _, e := range sqldbtest.Engines(b) {
		b.Run(string(e), func(b *testing.B) {
			db := sqldbtest.Open(b, e)
			f := newBenchFixture(b, db)
			b.ResetTimer()
			fn(b, f)
		})
	}
}

func BenchmarkFindTasks(b *testing.B) {
	benchEach(b, func(b *testing.B, f *fixture) {
		ctx := context.Background()
		for b.Loop() {
			tasks, err := f.db.FindTasks(ctx, sqldb.TaskFilter{})
			if err != nil || len(tasks) != 53 {
				b.Fatalf("%d tasks, %v", len(tasks), err)
			}
		}
	})
}

func BenchmarkFindSession(b *testing.B) {
	benchEach(b, func(b *testing.B, f *fixture) {
		ctx := context.Background()
		token, _, err := f.db.Login(ctx, "chuyenvien", "cchc-demo", sqldb.SessionWeb)
		if err != nil {
			b.Fatal(err)
		}
		b.ResetTimer()
		for b.Loop() {
			if _, _, err := f.db.FindSession(ctx, token); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkAddProgress(b *testing.B) {
	benchEach(b, func(b *testing.B, f *fixture) {
		tasks, _ := f.db.FindTasks(context.Background(), sqldb.TaskFilter{Code: "II.1.b"})
		inst := tasks[0].Instances[0].ID
		ctx := cchc.WithUser(context.Background(), f.specialist)
		for b.Loop() {
			if _, err := f.db.AddProgress(ctx, inst, "Đang thực hiện."); err != nil {
				b.Fatal(err)
			}
		}
	})
}
