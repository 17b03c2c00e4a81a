/**
 * One entry of a platform verification report with what the platform verified (E-Commerce Law art. 27: name,
 * address, contact, licence; the shop address): every entry must carry all five.
 */
export function verifiedEntry(uscc: string, verifiedAt: string, overrides: Record<string, unknown> = {}) {
  return {
    uscc,
    verifiedAt,
    operatorName: `广州测试${uscc.slice(-4)}电子商务有限公司`,
    registeredAddress: '广州市天河区天河路1号',
    contactPhone: '13800138000',
    licenceNumber: uscc,
    shopAddress: `https://shop.example/${uscc.slice(-6)}`,
    ...overrides,
  };
}
