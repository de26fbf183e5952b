package site

import (
	"errors"
	"net/http"
	"strconv"

	"tribune/internal/moderation/policy"
	"tribune/internal/review"
)

// policyView is the policy page: every rule with its detectors,
// threshold, action and strike severity; admins may change the last three.
type policyView struct {
	modPage
	Policy  *policy.Policy
	Actions []string
	Stored  bool
}

func (s *Site) modPolicy(w http.ResponseWriter, r *http.Request) error {
	v, err := s.requireStaff(w, r)
	if v == nil {
		return err
	}
	return s.renderPolicy(w, r, v, http.StatusOK, "")
}

func (s *Site) renderPolicy(w http.ResponseWriter, r *http.Request, v *viewer, status int, problem string) error {
	mp, err := s.newModPage(w, r, v, "Policy · Moderation", "policy")
	if err != nil {
		return err
	}
	mp.Error = problem
	stored, err := s.review.StoredPolicy(r.Context())
	if err != nil {
		return err
	}
	return s.page(w, r, status, "mod_policy", policyView{modPage: mp, Policy: s.review.Policy(), Stored: stored != nil,
		Actions: []string{string(policy.Reject), string(policy.Hold), string(policy.Flag)}})
}

func (s *Site) modPolicySubmit(w http.ResponseWriter, r *http.Request) error {
	v, err := s.requireStaff(w, r)
	if v == nil {
		return err
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if !s.csrfOK(r) {
		return s.renderPolicy(w, r, v, http.StatusForbidden, formExpired)
	}
	reason := r.PostFormValue("reason")
	if r.PostFormValue("reset") != "" {
		err = s.review.ResetPolicy(r.Context(), v.user, s.filePolicy, reason)
	} else {
		changes := map[string]policy.Change{}
		for _, rule := range s.review.Policy().Rules {
			th, err1 := strconv.ParseFloat(r.PostFormValue("threshold-"+rule.ID), 64)
			sev, err2 := strconv.Atoi(r.PostFormValue("severity-" + rule.ID))
			if err1 != nil || err2 != nil {
				return s.renderPolicy(w, r, v, http.StatusUnprocessableEntity, "Rule "+rule.Title+": threshold must be a number from 0 to 1 and severity a whole number.")
			}
			changes[rule.ID] = policy.Change{Threshold: th, Action: policy.Action(r.PostFormValue("action-" + rule.ID)), Severity: sev}
		}
		_, err = s.review.ChangePolicy(r.Context(), v.user, changes, reason)
	}
	if err != nil {
		var pr *review.Problem
		if errors.As(err, &pr) {
			return s.renderPolicy(w, r, v, http.StatusUnprocessableEntity, pr.Error())
		}
		return err
	}
	http.Redirect(w, r, "/moderation/policy?done=policy", http.StatusSeeOther)
	return nil
}
