package dossier_test

import (
	"testing"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/dossier"
	"github.com/hpdoet/cchc/procedure"
	"github.com/hpdoet/cchc/procedures"
)

func TestStepsForEveryProcedure(t *testing.T) {
	cat, err := procedure.ParseCatalog(procedures.Catalog())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range cat.Procedures {
		t.Run(p.Code, func(t *testing.T) {
			steps := dossier.StepsFor(p)
			if len(steps) == 0 {
				t.Fatal("no processing steps")
			}
			if last := steps[len(steps)-1].Role; last != cchc.RoleDirector && last != cchc.RoleUnitHead {
				t.Errorf("last step is %s, want an approval", last)
			}
			for _, s := range steps {
				if s.Role == cchc.RoleOneStop {
					t.Errorf("a counter step %q inside processing", s.Name)
				}
			}
		})
	}
	p := &procedure.Procedure{Steps: []*procedure.Step{
		{Name: "Tiếp nhận", Unit: "VP", Role: cchc.RoleOneStop, Hours: 1},
		{Name: "Thẩm định", Unit: "GDTrH", Role: cchc.RoleSpecialist, Days: 2},
		{Name: "Ký", Unit: "BGD", Role: cchc.RoleDirector, Hours: 4},
		{Name: "Dự thảo quyết định", Unit: "GDTrH", Role: cchc.RoleSpecialist, Days: 1},
		{Name: "Trả kết quả", Unit: "VP", Role: cchc.RoleOneStop, Hours: 1},
	}}
	got := dossier.StepsFor(p)
	if len(got) != 2 || got[1].Days != 0.5 || got[0].UnitCode != "GDTrH" {
		t.Errorf("StepsFor = %+v", got)
	}
}
