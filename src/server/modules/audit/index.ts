// The audit module's public surface (experience audit and mystery shopping, C10): main.ts, the demo and other modules import from here only.
export { registerAuditRoutes } from './audit.routes.ts';
export { auditDigest, type AuditDigest } from './results.service.ts';
export { AUDIT_TEMPLATES } from './templates.ts';
export { completeAudit, createAudit, scorePercent, updateAuditItem } from './audits.service.ts';
export { makeGapImprovement } from './gaps.service.ts';
export { addAttachment } from './attachments.service.ts';
export { issueShopperLink } from './shopper.service.ts';
