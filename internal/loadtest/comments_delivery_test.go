package loadtest

import (
	"testing"
	"time"
)

func TestSummarizeDeliveries(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	at := func(d time.Duration) time.Time { return t0.Add(d) }
	posted := []Posted{{ID: "a", Seq: 10, Ack: at(0)}, {ID: "b", Seq: 11, Ack: at(time.Second)}}
	tests := []struct {
		name string
		subs [][]Receipt
		want Delivery
	}{
		{"nobody listening", nil, Delivery{}},
		{"all on time", [][]Receipt{
			{{10, at(ms(5))}, {11, at(time.Second + ms(7))}},
			{{10, at(ms(9))}, {11, at(time.Second + ms(3))}},
		}, Delivery{Expected: 4, Delivered: 4, Within: 4, WithinPercent: 100, P50MS: 5, P99MS: 9, MaxMS: 9, SubscribersComplete: 2}},
		{"one late, one missed", [][]Receipt{
			{{10, at(ms(1500))}, {11, at(time.Second + ms(2))}},
			{{10, at(ms(4))}},
		}, Delivery{Expected: 4, Delivered: 3, Missed: 1, Within: 2, WithinPercent: 50, P50MS: 4, P99MS: 1500, MaxMS: 1500, SubscribersComplete: 1}},
		{"early counts as zero", [][]Receipt{
			{{10, at(-ms(2))}, {11, at(time.Second)}},
		}, Delivery{Expected: 2, Delivered: 2, Within: 2, WithinPercent: 100, Early: 1, SubscribersComplete: 1}},
		{"unknown and repeated events", [][]Receipt{
			{{9, at(0)}, {10, at(ms(1))}, {10, at(ms(2))}, {11, at(time.Second + ms(1))}, {12, at(ms(3))}},
		}, Delivery{Expected: 2, Delivered: 2, Within: 2, WithinPercent: 100, Duplicates: 1, P50MS: 1, P99MS: 1, MaxMS: 1, SubscribersComplete: 1}},
	}
	for _, tt := range tests {
		if got := SummarizeDeliveries(posted, tt.subs, time.Second); got != tt.want {
			t.Errorf("%s: SummarizeDeliveries() = %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
