import { PostalComplaint, PostalComplaintStatus } from './entities/postal-complaint.entity';
import { addDays, COMPLAINT_DEADLINE_RULES, ruleInForce } from './rules/postal-rules';

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
