import { PostalComplaint, PostalComplaintStatus } from './entities/postal-complaint.entity';
import { COMPLAINT_DEADLINE_RULES } from './rules/postal-rules';
import { addDays } from '../../shared/calendar/dates';
import { ruleInForce } from '../../shared/rules/versioned';

export interface ComplaintDeadlines {
  rulesVersion: string;
  replyDueOn: string;
  decisionDueOn: string;
}

/** Reply and decision deadlines of a complaint from the rules in force on the day it was received. */
export function complaintDeadlines(complaint: Pick<PostalComplaint, 'receivedOn'>): ComplaintDeadlines {
  const rule = ruleInForce(COMPLAINT_DEADLINE_RULES, complaint.receivedOn);
  return {
    rulesVersion: rule.version,
    replyDueOn: addDays(complaint.receivedOn, rule.replyDays),
    decisionDueOn: addDays(complaint.receivedOn, rule.decisionDays),
  };
}

export function complaintStatus(complaint: PostalComplaint): PostalComplaintStatus {
  if (complaint.decidedOn) return PostalComplaintStatus.DECIDED;
  if (complaint.repliedOn) return PostalComplaintStatus.REPLIED;
  return PostalComplaintStatus.RECEIVED;
}
