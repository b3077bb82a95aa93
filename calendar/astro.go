package calendar

import "math"

// The astronomy behind the lunar calendar, after Hồ Ngọc Đức, "Thuật toán
// tính âm lịch" (https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html),
// which takes its formulas from Jean Meeus, "Astronomical Algorithms" (1998)
// and "Astronomical Formulae for Calculators". All Julian Days here are
// fractional days in Universal Time unless a name says otherwise.

const (
	lunarTZ       = 7.0 / 24.0        // Vietnam from 1968, meridian 105° E, as a fraction of a day
	synodicMonth  = 29.530588853      // mean length of a lunation, days
	newMoonEpoch  = 2415021.076998695 // Julian Day of the mean new moon k = 0 (1900-01-01)
	degToRad      = math.Pi / 180.0
	julianCentury = 36525.0       // days
	j2000         = 2451545.0     // Julian Day of 2000-01-01 12:00 TT
	majorTermArc  = math.Pi / 6.0 // 30° between principal terms (trung khí)
	lunations     = 1236.85       // lunations per Julian century
)

// newMoon returns the Julian Day (UT) of the k-th new moon after the one of
// 1900-01-01 (k may be negative). It uses the full series of Meeus,
// "Astronomical Algorithms", chapter 49 (error well under a minute), and the
// ΔT fits of Espenak and Meeus, because a lunar month starts on a different
// day whenever a new moon falls within minutes of local midnight.
func newMoon(k int) float64 {
	kf := float64(k - 1237) // Meeus counts from the new moon of 2000-01-06
	t := kf / lunations
	t2 := t * t
	t3, t4 := t2*t, t2*t2
	jde := 2451550.09766 + 29.530588861*kf + 0.00015437*t2 - 0.000000150*t3 + 0.00000000073*t4
	e := 1 - 0.002516*t - 0.0000074*t2
	m := (2.5534 + 29.10535670*kf - 0.0000014*t2 - 0.00000011*t3) * degToRad
	mp := (201.5643 + 385.81693528*kf + 0.0107582*t2 + 0.00001238*t3 - 0.000000058*t4) * degToRad
	f := (160.7108 + 390.67050284*kf - 0.0016118*t2 - 0.00000227*t3 + 0.000000011*t4) * degToRad
	om := (124.7746 - 1.56375588*kf + 0.0020672*t2 + 0.00000215*t3) * degToRad

	c := -0.40720*math.Sin(mp) + 0.17241*e*math.Sin(m) + 0.01608*math.Sin(2*mp) +
		0.01039*math.Sin(2*f) + 0.00739*e*math.Sin(mp-m) - 0.00514*e*math.Sin(mp+m) +
		0.00208*e*e*math.Sin(2*m) - 0.00111*math.Sin(mp-2*f) - 0.00057*math.Sin(mp+2*f) +
		0.00056*e*math.Sin(2*mp+m) - 0.00042*math.Sin(3*mp) + 0.00042*e*math.Sin(m+2*f) +
		0.00038*e*math.Sin(m-2*f) - 0.00024*e*math.Sin(2*mp-m) - 0.00017*math.Sin(om) -
		0.00007*math.Sin(mp+2*m) + 0.00004*math.Sin(2*mp-2*f) + 0.00004*math.Sin(3*m) +
		0.00003*math.Sin(mp+m-2*f) + 0.00003*math.Sin(2*mp+2*f) - 0.00003*math.Sin(mp+m+2*f) +
		0.00003*math.Sin(mp-m+2*f) - 0.00002*math.Sin(mp-m-2*f) - 0.00002*math.Sin(3*mp+m) +
		0.00002*math.Sin(4*mp)

	// Planetary arguments A1…A14 and their coefficients.
	planets := [14][3]float64{
		{299.77, 0.107408, 0.000325}, {251.88, 0.016321, 0.000165}, {251.83, 26.651886, 0.000164},
		{349.42, 36.412478, 0.000126}, {84.66, 18.206239, 0.000110}, {141.74, 53.303771, 0.000062},
		{207.14, 2.453732, 0.000060}, {154.84, 7.306860, 0.000056}, {34.52, 27.261239, 0.000047},
		{207.19, 0.121824, 0.000042}, {291.34, 1.844379, 0.000040}, {161.72, 24.198154, 0.000037},
		{239.56, 25.513099, 0.000035}, {331.55, 3.592518, 0.000023},
	}
	for i, p := range planets {
		a := p[0] + p[1]*kf
		if i == 0 {
			a -= 0.009173 * t2
		}
		c += p[2] * math.Sin(a*degToRad)
	}
	jde += c
	return jde - deltaT(jde)/secondsPerDay
}

// deltaT returns ΔT = TT − UT in seconds near Julian Day jd, from the
// polynomial fits of Espenak and Meeus (NASA, 2006) for 1800–2150.
func deltaT(jd float64) float64 {
	y := 2000 + (jd-j2000)/365.25
	switch {
	case y < 1860:
		t := y - 1800
		return 13.72 + t*(-0.332447+t*(0.0068612+t*(0.0041116+t*(-0.00037436+t*(0.0000121272+t*(-0.0000001699+t*0.000000000875))))))
	case y < 1900:
		t := y - 1860
		return 7.62 + t*(0.5737+t*(-0.251754+t*(0.01680668+t*(-0.0004473624+t/233174))))
	case y < 1920:
		t := y - 1900
		return -2.79 + t*(1.494119+t*(-0.0598939+t*(0.0061966-t*0.000197)))
	case y < 1941:
		t := y - 1920
		return 21.20 + t*(0.84493+t*(-0.076100+t*0.0020936))
	case y < 1961:
		t := y - 1950
		return 29.07 + t*(0.407+t*(-1.0/233+t/2547))
	case y < 1986:
		t := y - 1975
		return 45.45 + t*(1.067+t*(-1.0/260-t/718))
	case y < 2005:
		t := y - 2000
		return 63.86 + t*(0.3345+t*(-0.060374+t*(0.0017275+t*(0.000651814+t*0.00002373599))))
	case y < 2050:
		t := y - 2000
		return 62.92 + t*(0.32217+t*0.005589)
	case y < 2150:
		u := (y - 1820) / 100
		return -20 + 32*u*u - 0.5628*(2150-y)
	default:
		u := (y - 1820) / 100
		return -20 + 32*u*u
	}
}

// newMoonDay returns the Julian Day Number of the Vietnamese civil day that
// contains the k-th new moon: the first day of a lunar month.
func newMoonDay(k int) int {
	nm := newMoon(k)
	return int(math.Floor(nm + 0.5 + tzAt(int(math.Floor(nm+0.5)))))
}

// sunLongitude returns the apparent ecliptic longitude of the Sun, in radians
// in [0, 2π), at Julian Day jd (UT), with the low-accuracy solar theory of
// Meeus chapter 25 (error about 0.01°, a quarter of an hour in time).
func sunLongitude(jd float64) float64 {
	t := (jd + deltaT(jd)/secondsPerDay - j2000) / julianCentury
	t2 := t * t
	m := (357.52910 + 35999.05030*t - 0.0001559*t2 - 0.00000048*t*t2) * degToRad // mean anomaly
	l0 := 280.46645 + 36000.76983*t + 0.0003032*t2                               // mean longitude, degrees
	c := (1.914600-0.004817*t-0.000014*t2)*math.Sin(m) +
		(0.019993-0.000101*t)*math.Sin(2*m) + 0.000290*math.Sin(3*m) // equation of centre
	omega := (125.04 - 1934.136*t) * degToRad
	lambda := (l0 + c - 0.00569 - 0.00478*math.Sin(omega)) * degToRad // nutation and aberration
	lambda = math.Mod(lambda, 2*math.Pi)
	if lambda < 0 {
		lambda += 2 * math.Pi
	}
	return lambda
}

// sunSector returns which 30° sector (0–11, 0 starting at the March equinox)
// the Sun is in at the start (00:00 Vietnam time) of day jdn. A principal
// term falls in a lunar month exactly when the sector at the start of the
// month differs from the sector at the start of the next month.
func sunSector(jdn int) int {
	return int(sunLongitude(float64(jdn)-0.5-tzAt(jdn)) / majorTermArc)
}

// lunationBefore returns the index k of the last new moon whose day is on or
// before day jdn.
func lunationBefore(jdn int) int {
	k := int(math.Floor((float64(jdn) - newMoonEpoch) / synodicMonth))
	for newMoonDay(k+1) <= jdn {
		k++
	}
	for newMoonDay(k) > jdn {
		k--
	}
	return k
}

// month11 returns the index of the new moon that starts lunar month 11 of
// the lunar year running through Gregorian year y: the month containing the
// December solstice of y.
func month11(y int) int {
	k := lunationBefore(dayNumber(y, 12, 31))
	// Sector 9 begins at 270°, the December solstice: if the Sun is already
	// past it when this month starts, the solstice lies in the month before.
	if sunSector(newMoonDay(k)) >= 9 {
		k--
	}
	return k
}

// Days on which the meridian of the lunar calendar changed.
const (
	jdn1929 = 2425612 // 1929-01-01
	jdn1968 = 2439857 // 1968-01-01
)

// tzAt returns the time-zone offset, as a fraction of a day, for which the
// lunar calendar is computed on day jdn. From 1968 it is UTC+7 (meridian
// 105° E): North Vietnam moved its clocks from UTC+8 to UTC+7 in August 1967
// and its lunar calendar from the year 1968 (Tết Mậu Thân, 29/01/1968). Before
// that the calendar followed UTC+8 (120° E), and before 1929 the Beijing
// meridian (116°25′ E) that China used until 1928. These historical rules make
// the computation agree with Hồ Ngọc Đức's published tables (see
// testdata/lunar_years_1900_2100.txt); they do not affect any date from 1968.
func tzAt(jdn int) float64 {
	switch {
	case jdn < jdn1929:
		return (116.0 + 25.0/60) / 15 / 24
	case jdn < jdn1968:
		return 8.0 / 24
	default:
		return lunarTZ
	}
}
